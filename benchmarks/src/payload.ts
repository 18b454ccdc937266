/**
 * JSON-like payloads of a given size (measured as `JSON.stringify(value).length`), shaped like an API
 * response an ORM app caches: scalars, a nested object, a `Date`, and a list of items. Deterministic, so
 * every run and every library caches the same bytes.
 */

export interface Item {
  id: number
  title: string
  price: number
  tags: string[]
  inStock: boolean
}

export interface Payload {
  id: number
  name: string
  createdAt: Date
  active: boolean
  email?: string
  score?: number
  roles?: string[]
  address?: { street: string; city: string; zip: string; country: string }
  items?: Item[]
}

function item(i: number): Item {
  return {
    id: 1000 + i,
    title: `Item number ${i} with a descriptive title`,
    price: Math.round((i * 7.31 + 3) * 100) / 100,
    tags: ['catalog', `group-${i % 7}`],
    inStock: i % 3 !== 0,
  }
}

/** A payload whose JSON is about `bytes` long (at least ~100 B). */
export function makePayload(bytes: number): Payload {
  const base: Payload = {
    id: 42,
    name: 'Ada Lovelace',
    createdAt: new Date(Date.UTC(2024, 0, 15, 9, 30)),
    active: true,
  }
  if (bytes <= 150) {
    base.email = 'ada@example.com'
    return base
  }
  const items: Item[] = []
  Object.assign(base, {
    email: 'ada@example.com',
    score: 98.5,
    roles: ['admin', 'editor'],
    address: { street: '12 St James Square', city: 'London', zip: 'SW1Y 4JH', country: 'UK' },
    items,
  })
  while (JSON.stringify(base).length < bytes) items.push(item(items.length))
  if (items.length > 1 && JSON.stringify(base).length - bytes > 60) items.pop()
  return base
}

/** `1 KB`, `10 KB`, `100 B`: the label a size is reported under. */
export function sizeLabel(bytes: number): string {
  return bytes >= 1000 ? `${Math.round(bytes / 1000)} KB` : `${bytes} B`
}
