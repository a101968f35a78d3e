/** What the join page says, in the person's language once the server has said who they are. */
import { PageLanguage } from '../page-language.js';

export const words = new PageLanguage();
