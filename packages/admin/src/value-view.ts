/**
 * How a decoded cached value is shown: `util.inspect` with bounds (depth, array and string lengths, total
 * size) and without running any code of the value (`customInspect: false`, `getters: false`). The text is
 * then escaped like everything else. Values come from the serializer, which never evaluates code, so
 * they are plain data anyway; the bounds keep a huge value from producing a huge page.
 */
import { inspect } from 'node:util'

/** Most characters of the rendered value. */
export const MAX_VALUE_TEXT = 100_000

/** The value as bounded text. */
export function valueText(value: unknown): string {
  const text = inspect(value, {
    depth: 8,
    maxArrayLength: 200,
    maxStringLength: 10_000,
    breakLength: 100,
    compact: 3,
    customInspect: false,
    getters: false,
    showProxy: false,
    colors: false,
  })
  return text.length > MAX_VALUE_TEXT
    ? `${text.slice(0, MAX_VALUE_TEXT)}\n… (${text.length - MAX_VALUE_TEXT} more characters)`
    : text
}
