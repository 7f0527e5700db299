/** Piscina worker: verifies Privacy Pass tokens and ARC presentations off the API's event loop. */
import { verifyTask, type VerifyOutcome, type VerifyTask } from './verify-task.js';

export default function verify(task: VerifyTask): VerifyOutcome {
  return verifyTask(task);
}
