import type { StructuredInput, StructuredInputItem, StructuredInputSubmission } from '@chatwire/protocol';

/**
 * Applies a submission to a pending structured input item, as the reference does: a question
 * without a usable answer (the whole submission skipped, no answer, `skipped`, or no values) is
 * marked skipped; a single-choice question keeps only the first value; answers to unknown
 * question ids are ignored.
 */
export function applyStructuredInput(item: StructuredInputItem, submission: StructuredInputSubmission): StructuredInputItem {
  return { ...item, status: submission.status, inputs: item.inputs.map((input) => answer(input, submission)) };
}

function answer(input: StructuredInput, submission: StructuredInputSubmission): StructuredInput {
  const given = submission.answers[input.id];
  if (submission.status === 'skipped' || !given || given.skipped || given.values.length === 0) {
    return { ...input, answer: { values: [], skipped: true } };
  }
  const single = input.type === 'multiple_choice' && !input.multiple;
  return { ...input, answer: { values: single ? given.values.slice(0, 1) : [...given.values], skipped: false } };
}

/** Question ids in the submission that the item does not ask. */
export function unknownAnswerIds(item: StructuredInputItem, submission: StructuredInputSubmission): string[] {
  const known = new Set(item.inputs.map((input) => input.id));
  return Object.keys(submission.answers).filter((id) => !known.has(id));
}
