/**
 * Inheritance in keys: a row reported for class C belongs to C, its ancestors and its descendants — never
 * to its siblings — and `entityKeys` over that lineage yields each class's row key and model key.
 */
import { describe, expect, it } from 'vitest'
import { CachemeError, EntityHierarchy, entityKeys } from '../../src/adapter/index.js'

// Content ← Photo ← Panorama, Content ← Article; Tag stands alone.
const hierarchy = new EntityHierarchy([
  ['Photo', 'Content'],
  ['Article', 'Content'],
  ['Panorama', 'Photo'],
])

describe('EntityHierarchy', () => {
  it('a lineage is the class, its ancestors nearest first, then its descendants — no siblings', () => {
    expect(hierarchy.lineage('Photo')).toEqual(['Photo', 'Content', 'Panorama'])
    expect(hierarchy.lineage('Panorama')).toEqual(['Panorama', 'Photo', 'Content'])
    expect(hierarchy.lineage('Article')).toEqual(['Article', 'Content'])
  })

  it('the root reaches every class of its hierarchy; an entity outside any hierarchy is alone', () => {
    expect([...hierarchy.lineage('Content')].sort()).toEqual(['Article', 'Content', 'Panorama', 'Photo'])
    expect(hierarchy.lineage('Tag')).toEqual(['Tag'])
    expect(hierarchy.empty).toBe(false)
    expect(new EntityHierarchy().empty).toBe(true)
  })

  it('two parents for one class, or a cycle, is an E_ADAPTER naming the classes', () => {
    const twoParents = () =>
      new EntityHierarchy([
        ['Photo', 'Content'],
        ['Photo', 'Media'],
      ])
    expect(twoParents).toThrow(CachemeError)
    expect(twoParents).toThrow(/"Photo".*"Content".*"Media"/)
    let caught: unknown
    try {
      new EntityHierarchy([
        ['A', 'B'],
        ['B', 'A'],
      ])
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CachemeError)
    expect(caught).toMatchObject({ code: 'E_ADAPTER', message: expect.stringMatching(/cycle/) })
  })
})

describe('entityKeys over a lineage', () => {
  it("yields every lineage class's row key and model key", () => {
    const keys = entityKeys({}, 'Photo', { id: 5 }, 5, hierarchy.lineage('Photo'))
    expect(keys.sort()).toEqual(['Content', 'Content:5', 'Panorama', 'Panorama:5', 'Photo', 'Photo:5'])
  })

  it('asks the cacheKey option once per class, with that class name', () => {
    const asked: string[] = []
    const keys = entityKeys(
      {
        cacheKey: (name) => {
          asked.push(name)
          return name === 'Content' ? 'Media:5' : undefined
        },
      },
      'Article',
      { id: 5 },
      5,
      hierarchy.lineage('Article'),
    )
    expect(asked).toEqual(['Article', 'Content'])
    expect(keys).toEqual(['Article', 'Content', 'Article:5', 'Media:5'])
  })

  it("an entity's own cacheKey getter describes the row once, replacing every default row key", () => {
    const photo = { id: 5, cacheKey: 'Picture:5' }
    expect(entityKeys({}, 'Photo', photo, 5, ['Photo', 'Content'])).toEqual(['Photo', 'Content', 'Picture:5'])
  })

  it('without a lineage the keys are those of the class alone (unchanged behaviour)', () => {
    expect(entityKeys({}, 'Photo', { id: 5 }, 5)).toEqual(['Photo', 'Photo:5'])
    expect(entityKeys({}, 'Photo', { cacheKey: null }, 5)).toEqual(['Photo', 'Photo:5'])
  })
})
