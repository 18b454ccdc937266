/** The error the suite throws to roll a transaction or savepoint back (and expects to see again). */
export class Rollback extends Error {}
