/**
 * Primary keys that are not a plain integer `id`: a UUID (`Member:<uuid>`), a key property with another
 * name and column (`Group:<groupId>`), and a composite key (`Membership:<memberId>,<groupId>`, core's
 * `formatId` in column order). Each change invalidates exactly that row's key, before the awaited save
 * resolves, and leaves the other rows of the model cached.
 */
import { expectInvalidated, type ShapesConcern } from './context.js'
import { shapeKeys } from './keys.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function primaryKeyTests({ env, it, expect }: ShapesConcern): void {
  it('a uuid primary key: saving a member invalidates Member:<uuid> before the save resolves; other members stay cached', async () => {
    const t = env()
    await t.attach()
    const { member } = t.probes
    const ada = await t.harness.createMember('ada')
    const bob = await t.harness.createMember('bob')
    expect(UUID.test(String(ada.id))).toBe(true)
    await member(ada.id)
    await member(bob.id)

    await t.harness.updateMember(ada.id, { name: 'ada lovelace' })

    expect(await t.hasEntry(`${shapeKeys.member(ada.id)}>detail`)).toBe(false)
    expect(await member(ada.id)).toMatchObject({ name: 'ada lovelace' })
    expect(await member(bob.id)).toMatchObject({ name: 'bob' })
    expect(member.computed).toBe(3)
  })

  it('inserting a member invalidates its own Member:<uuid> key and the Member model key', async () => {
    const t = env()
    await t.attach()
    const before = t.invalidated.length

    const ada = await t.harness.createMember('ada')

    expectInvalidated(expect, t.invalidated.slice(before), [shapeKeys.member(ada.id), 'Member'])
  })

  it('a primary key not called id: saving a group invalidates Group:<groupId>; other groups stay cached', async () => {
    const t = env()
    await t.attach()
    const { group } = t.probes
    const chess = await t.harness.createGroup('chess')
    const go = await t.harness.createGroup('go')
    await group(chess.groupId)
    await group(go.groupId)

    await t.harness.updateGroup(chess.groupId, { title: 'chess club' })

    expect(await group(chess.groupId)).toMatchObject({ title: 'chess club' })
    expect(await group(go.groupId)).toMatchObject({ title: 'go' })
    expect(group.computed).toBe(3)
    expect(t.invalidated).toContain(shapeKeys.group(chess.groupId))
  })

  it('a composite primary key: changing a membership invalidates Membership:<memberId>,<groupId> only', async () => {
    const t = env()
    await t.attach()
    const { membership } = t.probes
    const ada = await t.harness.createMember('ada')
    const bob = await t.harness.createMember('bob')
    const chess = await t.harness.createGroup('chess')
    const go = await t.harness.createGroup('go')
    for (const [m, g] of [
      [ada.id, chess.groupId],
      [ada.id, go.groupId],
      [bob.id, chess.groupId],
    ] as const) {
      await t.harness.createMembership({ memberId: m, groupId: g, role: 'member' })
      await membership(m, g)
    }

    await t.harness.updateMembership(ada.id, chess.groupId, { role: 'captain' })

    expect(t.invalidated).toContain(shapeKeys.membership(ada.id, chess.groupId))
    expect(await membership(ada.id, chess.groupId)).toMatchObject({ role: 'captain' })
    // The same member in another group, and another member of the same group: other rows, still cached.
    expect(await membership(ada.id, go.groupId)).toMatchObject({ role: 'member' })
    expect(await membership(bob.id, chess.groupId)).toMatchObject({ role: 'member' })
    expect(membership.computed).toBe(4)
  })
}
