/** A value class for the class-instance tests: state in own properties, behaviour on the prototype. */
export class Money {
  constructor(
    public amount: number,
    public currency: string,
  ) {}
  get label(): string {
    return `${this.amount} ${this.currency}`
  }
  plus(other: Money): Money {
    return new Money(this.amount + other.amount, this.currency)
  }
}
