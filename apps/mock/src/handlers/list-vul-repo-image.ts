/** ListVulRepoImage: one page of the repository images a vulnerability affects (the store filters and renders). */
import { type Handler, reply } from "../handler.js";

export const handler: Handler<"ListVulRepoImage"> = ({ path, query }, { store }) =>
  reply.json(store.listVulRepoImage(path.vul_id, query));
