import type { AdapterOptions } from './contract.js';
/** One side of a many-to-many relation. */
export interface RelationSide {
    /** Entity (model) name, e.g. `Book`. */
    readonly entity: string;
    /** Relation property on this side pointing to the other side (`users` on Book), when it is declared. */
    readonly property?: string | undefined;
}
/** A many-to-many relation, owning side first (`Book.users`: owner Book, inverse User). */
export interface M2mRelation {
    /** `'<OwnerEntity>.<ownerProperty>'`, e.g. `'Book.users'` — the key of `options.m2m`. */
    readonly relation: string;
    readonly owner: RelationSide;
    readonly inverse: RelationSide;
    /** Name of the junction (through) model when the ORM has one (`BookUsers`, `book_users_user`). */
    readonly junction?: string | undefined;
}
/** One side of a junction row. */
export interface JunctionSide extends RelationSide {
    /** Primary key of the row on that side. */
    readonly id: unknown;
}
/** A junction row of a many-to-many relation: the relation plus the ids it links. */
export interface JunctionChange extends M2mRelation {
    readonly owner: JunctionSide;
    readonly inverse: JunctionSide;
}
/**
 * The invalidation keys of one changed entity: its cache key(s) plus the model-level key.
 *
 * With inheritance, pass the row's `lineage` (`EntityHierarchy.lineage(entityName)`): the row is also one
 * of those classes' rows, so each class `C` of it contributes its model-level key `C` and its own row key —
 * the `cacheKey` option asked with `C`, else `C:pk`. An entity's own `cacheKey` getter describes the row
 * itself and is used once, replacing the default row keys of every class.
 */
export declare function entityKeys(options: AdapterOptions, entityName: string, entity: object, primaryKey: unknown, lineage?: readonly string[]): string[];
/**
 * The invalidation keys of one junction row (the seed's m2m semantics), then the relation's own keys.
 * For `book.users.add(u)` (book `b`): the users of book b changed and the books of user u changed —
 * `m2m['Book.users'].Book([u])` and `m2m['Book.users'].User([b])`, or by default `Book:<b>:users` and
 * `User:<u>:books` — followed by {@link relationKeys}.
 */
export declare function junctionKeys(options: AdapterOptions, change: JunctionChange): string[];
/**
 * The keys that stand for a many-to-many relation as a whole, changed by every junction row of it:
 * the relation name from the owning side (`'Book.users'`), from the inverse side when it declares the
 * relation (`'User.books'`), and the junction model's name when the ORM has one. Use them alone (with
 * `addModel` for both sides) when junction rows changed but the event does not say which.
 */
export declare function relationKeys(relation: M2mRelation): string[];
/** Primary keys as they appear in keys: composite keys joined with `,` in column order. */
export declare function formatId(id: unknown): string;
//# sourceMappingURL=keys.d.ts.map