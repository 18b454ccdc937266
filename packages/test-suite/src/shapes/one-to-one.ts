/**
 * A one-to-one (`Profile.member`, unique foreign key): an application caches "the member's profile" under
 * the profile's key once it has one (`Profile:<id>`, read from the result), and under the model key
 * `Profile` while it has none — so that creating it is seen.
 */
import type { ShapesConcern } from './context.js'

export function oneToOneTests({ env, it, expect }: ShapesConcern): void {
  it("updating a profile invalidates Profile:<id>: that member's profile is fresh, another member's stays cached", async () => {
    const t = env()
    await t.attach()
    const { profileOf } = t.probes
    const ada = await t.harness.createMember('ada')
    const bob = await t.harness.createMember('bob')
    const adas = await t.harness.createProfile(ada.id, 'mathematician')
    await t.harness.createProfile(bob.id, 'builder')
    expect(await profileOf(ada.id)).toMatchObject({ id: adas.id, memberId: ada.id, bio: 'mathematician' })
    await profileOf(bob.id)

    await t.harness.updateProfile(adas.id, { bio: 'first programmer' })

    expect(await profileOf(ada.id)).toMatchObject({ bio: 'first programmer' })
    await profileOf(bob.id)
    expect(profileOf.computed).toBe(3)
  })

  it("creating a profile invalidates the Profile model key, so a cached 'no profile yet' is recomputed", async () => {
    const t = env()
    await t.attach()
    const { profileOf, member } = t.probes
    const ada = await t.harness.createMember('ada')
    const bob = await t.harness.createMember('bob')
    await t.harness.createProfile(bob.id, 'builder')
    expect(await profileOf(ada.id)).toBeNull()
    await profileOf(bob.id)
    await member(ada.id)

    await t.harness.createProfile(ada.id, 'mathematician')

    expect(await profileOf(ada.id)).toMatchObject({ memberId: ada.id, bio: 'mathematician' })
    await profileOf(bob.id) // depends on Profile:<bob's profile> only
    await member(ada.id) // the member's own row did not change
    expect(profileOf.computed).toBe(3)
    expect(member.computed).toBe(1)
  })
}
