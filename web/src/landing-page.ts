/**
 * The front page, for someone who typed the address instead of opening her link: in her browser's
 * language, where the pages have one.
 */
import { browserLanguage, PageLanguage } from './page-language.js';

void new PageLanguage().use(browserLanguage());
