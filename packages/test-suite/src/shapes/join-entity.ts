/**
 * An explicit join entity with a column of its own (`Membership` between `Member` and `Group`, extra
 * column `role`), written through its own entity API: each row is an entity (its key
 * `Membership:<memberId>,<groupId>`, the model key `Membership` for rosters), and a change of a join row
 * is not a change of either side's row.
 */
import type { ShapesConcern, ShapesEnv } from './context.js'

async function club(t: ShapesEnv) {
  const ada = await t.harness.createMember('ada')
  const bob = await t.harness.createMember('bob')
  const chess = await t.harness.createGroup('chess')
  return { ada, bob, chess }
}

export function joinEntityTests({ env, it, expect }: ShapesConcern): void {
  it("creating a join row invalidates its own key (a cached 'not a member') and the roster; both sides stay cached", async () => {
    const t = env()
    await t.attach()
    const { membership, roster, member, group } = t.probes
    const { ada, chess } = await club(t)
    expect(await membership(ada.id, chess.groupId)).toBeNull()
    expect(await roster(chess.groupId)).toEqual([])
    await member(ada.id)
    await group(chess.groupId)

    await t.harness.createMembership({ memberId: ada.id, groupId: chess.groupId, role: 'captain' })

    expect(await membership(ada.id, chess.groupId)).toMatchObject({ role: 'captain' })
    const rows = await roster(chess.groupId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ memberId: ada.id, groupId: chess.groupId, role: 'captain' })
    await member(ada.id)
    await group(chess.groupId)
    expect([member.computed, group.computed]).toEqual([1, 1])
  })

  it("changing the join entity's own column invalidates that row and the roster, not the other rows", async () => {
    const t = env()
    await t.attach()
    const { membership, roster, member } = t.probes
    const { ada, bob, chess } = await club(t)
    await t.harness.createMembership({ memberId: ada.id, groupId: chess.groupId, role: 'member' })
    await t.harness.createMembership({ memberId: bob.id, groupId: chess.groupId, role: 'member' })
    await membership(ada.id, chess.groupId)
    await membership(bob.id, chess.groupId)
    await roster(chess.groupId)
    await member(ada.id)

    await t.harness.updateMembership(ada.id, chess.groupId, { role: 'captain' })

    expect(await membership(ada.id, chess.groupId)).toMatchObject({ role: 'captain' })
    expect((await roster(chess.groupId)).map((row) => row.role).sort()).toEqual(['captain', 'member'])
    await membership(bob.id, chess.groupId)
    await member(ada.id)
    expect([membership.computed, member.computed]).toEqual([3, 1])
  })

  it('deleting a join row invalidates its key and the roster; the other memberships stay cached', async () => {
    const t = env()
    await t.attach()
    const { membership, roster } = t.probes
    const { ada, bob, chess } = await club(t)
    await t.harness.createMembership({ memberId: ada.id, groupId: chess.groupId, role: 'member' })
    await t.harness.createMembership({ memberId: bob.id, groupId: chess.groupId, role: 'member' })
    await membership(ada.id, chess.groupId)
    await membership(bob.id, chess.groupId)
    await roster(chess.groupId)

    await t.harness.removeMembership(ada.id, chess.groupId)

    expect(await membership(ada.id, chess.groupId)).toBeNull()
    expect((await roster(chess.groupId)).map((row) => row.memberId)).toEqual([bob.id])
    await membership(bob.id, chess.groupId)
    expect(membership.computed).toBe(3)
  })
}
