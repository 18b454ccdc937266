/** Hash and field of the entry a set member names, or `undefined` for a malformed member. */
export declare function splitMemberKey(member: string): {
    hash: string;
    field: string;
} | undefined;
//# sourceMappingURL=member-key.d.ts.map