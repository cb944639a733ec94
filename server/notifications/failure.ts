/** A failure no retry can fix (the robot was removed, e-mail is not configured): dead at once. */
export class PermanentFailure extends Error {}
