/**
 * Entities of the MikroORM-specific tests, beside the suite's schema: a composite primary key, single
 * table inheritance, an embeddable, a `Reference`-wrapped many-to-one, and a one-to-many with
 * `Cascade.REMOVE` and orphan removal.
 */
import { Cascade, Collection, EntitySchema, OptionalProps, type Ref } from '@mikro-orm/core'

/** Composite primary key `(a, b)`: its key is `Pair:<a>,<b>`. */
export class Pair {
  a!: number
  b!: string
  value!: string
}

export const PairSchema = new EntitySchema<Pair>({
  class: Pair,
  properties: {
    a: { type: 'number', primary: true },
    b: { type: 'string', primary: true },
    value: { type: 'string' },
  },
})

/** Single-table inheritance: `Dog` and `Cat` live in `Animal`'s table. */
export class Animal {
  declare [OptionalProps]?: 'kind'
  id!: number
  name!: string
  kind!: string
}
export class Dog extends Animal {
  barks = true
}
export class Cat extends Animal {
  lives = 9
}

export const AnimalSchema = new EntitySchema<Animal>({
  class: Animal,
  discriminatorColumn: 'kind',
  discriminatorMap: { dog: 'Dog', cat: 'Cat' },
  abstract: true,
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    name: { type: 'string' },
    kind: { type: 'string' },
  },
})
export const DogSchema = new EntitySchema<Dog, Animal>({
  class: Dog,
  extends: AnimalSchema,
  properties: { barks: { type: 'boolean' } },
})
export const CatSchema = new EntitySchema<Cat, Animal>({
  class: Cat,
  extends: AnimalSchema,
  properties: { lives: { type: 'number' } },
})

/** An embeddable value object stored in its owner's columns. */
export class Address {
  constructor(
    public city: string,
    public street: string,
  ) {}
}
export class Place {
  id!: number
  address!: Address
}

export const AddressSchema = new EntitySchema<Address>({
  class: Address,
  embeddable: true,
  properties: { city: { type: 'string' }, street: { type: 'string' } },
})
export const PlaceSchema = new EntitySchema<Place>({
  class: Place,
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    address: { kind: 'embedded', entity: () => Address },
  },
})

/** A shelf owns its slots: removing the shelf removes them, a slot taken off the shelf is deleted. */
export class Shelf {
  declare [OptionalProps]?: 'slots'
  id!: number
  name!: string
  slots = new Collection<Slot>(this)
}
export class Slot {
  id!: number
  label!: string
  /** `Reference`-wrapped (`ref: true`): assigned with `ref(shelf)` / `em.getReference(..., { wrapped })`. */
  shelf!: Ref<Shelf>
}

export const ShelfSchema = new EntitySchema<Shelf>({
  class: Shelf,
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    name: { type: 'string' },
    slots: {
      kind: '1:m',
      entity: () => Slot,
      mappedBy: 'shelf',
      orphanRemoval: true,
      cascade: [Cascade.PERSIST, Cascade.REMOVE],
    },
  },
})
export const SlotSchema = new EntitySchema<Slot>({
  class: Slot,
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    label: { type: 'string' },
    shelf: { kind: 'm:1', entity: () => Shelf, ref: true },
  },
})

export const extraEntities: EntitySchema[] = [
  PairSchema,
  AnimalSchema,
  DogSchema,
  CatSchema,
  AddressSchema,
  PlaceSchema,
  ShelfSchema,
  SlotSchema,
].map((schema) => schema as EntitySchema)
