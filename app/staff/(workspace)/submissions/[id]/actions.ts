'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { STATUSES, STATUS_LABELS, type Status } from '@/lib/staff/queue-filter';
import { addNote, assign, changeStatus, NOTE_MAX, revealTin, WorkError, type RevealedTin } from '@/lib/staff/work';
import { messageProblem } from '@/lib/staff/workflow';

/** A reviewer's actions on one submission. Each checks the session and role itself, first. */

export type WorkState =
  | { status: 'idle' }
  | { status: 'done'; message: string; at: number }
  | { status: 'error'; message: string; values?: Record<string, string>; field?: string }
  | { status: 'revealed'; tins: RevealedTin[] };

const text = (formData: FormData, name: string) => String(formData.get(name) ?? '').trim();
const ID = /^[0-9a-f-]{36}$/;

function readTarget(formData: FormData): { id: string; version: number } | WorkState {
  const id = text(formData, 'id');
  const version = Number(text(formData, 'version'));
  if (!ID.test(id) || !Number.isInteger(version)) return { status: 'error', message: 'This form is out of date: reload the page.' };
  return { id, version };
}

async function attempt(id: string, work: () => Promise<void>, done: string): Promise<WorkState> {
  try {
    await work();
  } catch (error) {
    if (error instanceof WorkError) return { status: 'error', message: error.message };
    throw error;
  }
  revalidatePath(`/staff/submissions/${id}`);
  return { status: 'done', message: done, at: Date.now() };
}

export async function moveSubmission(_previous: WorkState, formData: FormData): Promise<WorkState> {
  const staff = await requireStaff('reviewer');
  const target = readTarget(formData);
  if ('status' in target) return target;
  const to = text(formData, 'to');
  // Line breaks as typed, from any browser: CRLF and CR become LF.
  const message = text(formData, 'message').replace(/\r\n?/g, '\n');
  if (!(STATUSES as readonly string[]).includes(to)) return { status: 'error', message: 'Choose a status.', values: { message } };
  const problem = messageProblem(to as Status, message);
  if (problem) return { status: 'error', message: problem, field: 'message', values: { message } };
  const state = await attempt(
    target.id,
    async () => changeStatus(await db(), staff, target.id, to as Status, target.version, message),
    `Moved to ${STATUS_LABELS[to as Status]}${message ? ', and the message was sent to the applicant' : ''}.`,
  );
  return state.status === 'error' ? { ...state, values: { message } } : state;
}

export async function assignSubmission(_previous: WorkState, formData: FormData): Promise<WorkState> {
  const staff = await requireStaff('reviewer');
  const target = readTarget(formData);
  if ('status' in target) return target;
  const assignee = text(formData, 'assigneeId');
  if (assignee && !ID.test(assignee)) return { status: 'error', message: 'Choose a staff member.' };
  return attempt(
    target.id,
    async () => assign(await db(), staff, target.id, assignee || null, target.version),
    assignee ? 'Assigned.' : 'Unassigned.',
  );
}

export async function addSubmissionNote(_previous: WorkState, formData: FormData): Promise<WorkState> {
  const staff = await requireStaff('reviewer');
  const id = text(formData, 'id');
  const body = text(formData, 'note');
  if (!ID.test(id)) return { status: 'error', message: 'This form is out of date: reload the page.' };
  if (!body) return { status: 'error', message: 'Write the note first.', values: { note: body } };
  if (body.length > NOTE_MAX)
    return { status: 'error', message: `A note is at most ${NOTE_MAX.toLocaleString('en-US')} characters.`, values: { note: body } };
  return attempt(id, async () => addNote(await db(), staff, id, body), 'Note added.');
}

export async function revealSubmissionTin(_previous: WorkState, formData: FormData): Promise<WorkState> {
  const staff = await requireStaff('reviewer');
  const id = text(formData, 'id');
  const reason = text(formData, 'reason');
  if (!ID.test(id)) return { status: 'error', message: 'This form is out of date: reload the page.' };
  if (reason.length < 5)
    return { status: 'error', message: 'Give the reason you need the full TIN (at least 5 characters).', values: { reason } };
  try {
    const tins = await revealTin(await db(), staff, id, reason.slice(0, 500));
    revalidatePath(`/staff/submissions/${id}`);
    return { status: 'revealed', tins };
  } catch (error) {
    if (error instanceof WorkError) return { status: 'error', message: error.message };
    throw error;
  }
}
