/** Piscina worker: evaluates token requests off the API's event loop. */
import { evaluateTask, type EvaluateTask } from './evaluate-task.js';

export default function evaluate(task: EvaluateTask): Uint8Array[] {
  return evaluateTask(task);
}
