/** Floors `now` to the anonymity time bucket (privacy rule 5): stored times say "some time in this hour". */
export function bucketed(seconds: number, now: Date = new Date()): Date {
  const ms = seconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}
