/** What an ICU message takes, for the tests that hold every language's catalogue to the English one. */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** Each argument a message takes, with its kind: `name:argument`, `count:plural`… */
export function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument) into.add(`${element.value}:argument`);
    if (element.type === TYPE.number) into.add(`${element.value}:number`);
    if (element.type === TYPE.date || element.type === TYPE.time) into.add(`${element.value}:date`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(`${element.value}:${element.type === TYPE.plural ? 'plural' : 'select'}`);
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
    if (element.type === TYPE.tag) placeholders(element.children, into);
  }
  return into;
}
