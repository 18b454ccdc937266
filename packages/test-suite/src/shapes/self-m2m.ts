/**
 * A self-referencing, one-directional many-to-many (`Member.friends`): a link "a lists b" invalidates
 * `Member:<a>:friends` and `Member:<b>:friends` (the second side has no property of its own, so it is
 * named after the owning one) and the relation key `Member.friends`. Removing a member deletes its links
 * in both directions — those where it is someone else's friend by database cascade, which no ORM
 * reports — and each affected list must be invalidated, no other.
 */
import { sortIds } from '../ids.js'
import { expectInvalidated, type ShapesConcern, type ShapesEnv } from './context.js'
import { shapeKeys } from './keys.js'

async function members(t: ShapesEnv, ...names: string[]) {
  const ids = []
  for (const name of names) ids.push((await t.harness.createMember(name)).id)
  return ids
}

export function selfM2mTests({ env, it, expect }: ShapesConcern): void {
  it("adding a friend invalidates both members' friend lists and the relation key; a third member's stays cached", async () => {
    const t = env()
    await t.attach()
    const { friends, member } = t.probes
    const [a, b, c] = await members(t, 'ada', 'bob', 'cy')
    for (const id of [a!, b!, c!]) await friends(id)
    await member(a!)

    await t.harness.addFriends(a!, [b!])

    expect(await t.hasEntry(`${shapeKeys.member(b!)}>friends`)).toBe(false)
    expectInvalidated(expect, t.invalidated, [shapeKeys.friends(a!), shapeKeys.friends(b!), 'Member.friends'])
    expect(await friends(a!)).toEqual([b!])
    await friends(c!)
    await member(a!) // a link is not a change of the member's own row
    expect(friends.computed).toBe(4) // a, b, c, then a again; c still cached
    expect(member.computed).toBe(1)
  })

  it("removing a member who is on someone's friend list invalidates that list (the database deletes the link), and no other", async () => {
    const t = env()
    await t.attach()
    const { friends, member } = t.probes
    const [a, b, c, d] = await members(t, 'ada', 'bob', 'cy', 'dee')
    await t.harness.addFriends(a!, [b!, c!])
    await t.harness.addFriends(d!, [c!])
    expect(await friends(a!)).toEqual(sortIds([b!, c!]))
    expect(await friends(d!)).toEqual([c!])
    await member(b!)

    await t.harness.removeMember(b!)

    expect(await member(b!)).toBeNull()
    expect(await friends(a!)).toEqual([c!])
    await friends(d!)
    expect(friends.computed).toBe(3) // d never listed b: still cached
  })

  it("removing a member who lists friends invalidates each friend's side of those links", async () => {
    const t = env()
    await t.attach()
    const { friends } = t.probes
    const [a, b, c] = await members(t, 'ada', 'bob', 'cy')
    await t.harness.addFriends(a!, [b!])
    await friends(a!)
    await friends(c!)
    const before = t.invalidated.length

    await t.harness.removeMember(a!)

    expectInvalidated(expect, t.invalidated.slice(before), [shapeKeys.friends(a!), shapeKeys.friends(b!)])
    expect(await friends(a!)).toEqual([])
    await friends(c!)
    expect(friends.computed).toBe(3)
  })
}
