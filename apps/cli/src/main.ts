/**
 * unlinked: the command-line client, a thin entry point over @unlinked/client
 * (the same core as the web app): tokens are blinded, checked against the
 * public issuer directory and DLEQ-verified here, and anonymous writes go out
 * without the session, through the shared write flows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  ApiError,
  configureTransport,
  exportAuthorKeys,
  importAuthorKeys,
  KeyExportError,
  mergeAuthorKeys,
  parseMaturityMinutes,
  timingWith,
  isMature,
  earliestMaturity,
  readAuthorKeys,
  fetchArcCredentials,
  fillWallet,
  itemMarkKey,
  MeDocument,
  MODERATION_REASONS,
  ReviewsDocument,
  type ModerationReason,
  identityRequest,
  publicRequest,
  RequestVerificationCodeDocument,
  ThreadDocument,
  ThreadsDocument,
  TOKEN_KINDS,
  tokenQuota,
  VerifyCodeDocument,
  WriteFlows,
  type ReviewDraft,
  type TokenKind,
} from '@unlinked/client';
import { choice, need, UsageError } from './args.js';
import { FileWallet } from './file-wallet.js';
import { printSalaries, SALARY_OPTIONS, SALARY_USAGE, salaryDraftFromFlags } from './salary.js';
import { INTERVIEW_OPTIONS, INTERVIEW_USAGE, interviewCommand } from './interview-command.js';

const USAGE = `usage: unlinked [--api URL] [--wallet FILE] <command> [options]

  verify <email>                       send a code to a work address and verify it (prompts for the code)
  wallet                               show tokens held, quota left and key checks
  fetch                                fetch the whole remaining quota of post tokens, and the ARC credentials this
                                       wallet lacks; they can be spent after a random delay (see Maturity below)
  vote (thread|reply|review) <id> [--down] [--thread ID | --company SLUG]
                                       vote once (a reply needs its --thread, a review its --company)
  flag (thread|reply|review) <id> --reason R [--thread ID | --company SLUG]
                                       report once (R: spam, harassment, personal_information, hate, ...)
  read (--company SLUG | --board SLUG) list a board's threads
  thread <id>                          show a thread and its replies
  post (--company SLUG | --board SLUG) --title T --body B
  reply <threadId> --body B
  review --company SLUG --overall N --culture N --work-life N --senior-management N --compensation N
         --career N --diversity N   (each a rating from 1 to 5)
         --ceo approve|disapprove|no-opinion --outlook positive|neutral|negative --recommend yes|no
         --employment current|former --pros P --cons C
         [--advice A] [--job-title T] [--location L] [--tenure lt1|1-3|3-5|5-10|gt10]
         every rating and choice is asked for: none has a default, so none skews the company's aggregates;
         one review of your company per period
${SALARY_USAGE}
${INTERVIEW_USAGE}
  logout                               forget the session (tokens stay)
  export-keys --out FILE               save the author keys of your posts in a passphrase-encrypted file
  import-keys <file>                   add the keys (and posts) of such a file, from this CLI or the web app

  API: --api or UNLINKED_API (default http://localhost:3000)
  Wallet: --wallet or UNLINKED_WALLET (default ~/.unlinked/wallet.json, mode 0600)
  Passphrase of export-keys / import-keys: prompted, or UNLINKED_PASSPHRASE (for scripts)
  Maturity: tokens and credentials of one fetch can be spent together after a random delay, by default
    15-120 minutes, so that fetching says nothing about when you write; UNLINKED_TOKEN_MATURITY_MINUTES=<min>-<max>
    sets another (decimals allowed). A write before then is refused and says from when it can be sent.`;

async function prompt(question: string): Promise<string> {
  return (await prompts([question]))[0];
}

/** Several answers from one reader (a second reader would miss lines the first one buffered from a pipe). */
async function prompts(questions: string[]): Promise<string[]> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  try {
    const answers: string[] = [];
    for (const q of questions) answers.push((await rl.question(q)).trim());
    return answers;
  } finally {
    rl.close();
  }
}

/** The key-file passphrase: UNLINKED_PASSPHRASE, or typed (twice for a new file). */
async function passphrase(confirm: boolean): Promise<string> {
  const fromEnv = process.env.UNLINKED_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const [first, second] = await prompts(confirm ? ['Passphrase: ', 'Passphrase again: '] : ['Passphrase: ']);
  if (confirm && first !== second) throw new UsageError('the two passphrases differ');
  return first;
}

const KEY_EXPORT_MESSAGES: Record<string, string> = {
  KEY_EXPORT_WRONG_PASSPHRASE: 'that passphrase does not open this file',
  KEY_EXPORT_DAMAGED: 'not an Unlinked key file, or the file was damaged or changed',
  KEY_EXPORT_UNSUPPORTED_VERSION: 'this key file was made by a newer version of Unlinked',
  KEY_EXPORT_WEAK_PASSPHRASE: 'choose a passphrase of at least 8 characters',
};

/** Review ratings: flag and field. Each is required: copying one into the others would skew every aggregate. */
const RATINGS = [
  ['overall', 'overall'],
  ['culture', 'culture'],
  ['work-life', 'workLife'],
  ['senior-management', 'seniorManagement'],
  ['compensation', 'compensation'],
  ['career', 'career'],
  ['diversity', 'diversity'],
] as const;
const CEO = { approve: 'Approve', disapprove: 'Disapprove', 'no-opinion': 'NoOpinion' } as const;
const OUTLOOK = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' } as const;
const EMPLOYMENT = { current: 'Current', former: 'Former' } as const;
const TENURE = {
  lt1: 'LessThanOneYear',
  '1-3': 'OneToThreeYears',
  '3-5': 'ThreeToFiveYears',
  '5-10': 'FiveToTenYears',
  gt10: 'MoreThanTenYears',
} as const;

function rating(value: string | undefined, flag: string): number {
  const n = Number(need(value, flag));
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new UsageError(`--${flag} must be a whole number from 1 to 5`);
  return n;
}

type ItemType = 'thread' | 'reply' | 'review';
const ITEM_TYPES: readonly ItemType[] = ['thread', 'reply', 'review'];
const VOTE_TARGETS = { thread: 'Thread', reply: 'Reply', review: 'Review' } as const;
const FLAG_TYPES = { thread: 'THREAD', reply: 'REPLY', review: 'REVIEW' } as const;

/** Plain words for the refusals of a second vote, flag or review (the codes are stable). */
const PLAIN: Record<string, string> = {
  ALREADY_VOTED: 'You have already voted on this. Each person gets one vote per post, and votes are final.',
  ALREADY_FLAGGED: 'You have already reported this. Each person can report a post once.',
  ALREADY_REVIEWED: 'You have already reviewed your company in this period.',
  ALREADY_REPORTED_SALARY: 'You have already reported a salary at this company in this period.',
  SALARY_AMOUNT_INVALID: 'Amounts are whole numbers per year: base at least 1, the others 0 or more.',
  CURRENCY_UNKNOWN: 'The currency must be an ISO 4217 code such as CNY or USD.',
  ALREADY_INTERVIEW_REVIEWED: 'You have already written an interview review of this company in this period.',
  ARC_WRONG_PERIOD: 'Your credential is from another period: run unlinked fetch, then try again.',
  ARC_PERIOD_CLOSED: 'This post is too old to take votes or reports any more.',
  NOT_MATURE: 'Nothing in the wallet is ready yet: new tokens and credentials can be used only after a random delay.',
  NO_CREDENTIAL: 'No credential for this yet: run unlinked fetch.',
};

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      wallet: { type: 'string' },
      kind: { type: 'string' },
      count: { type: 'string' },
      company: { type: 'string' },
      board: { type: 'string' },
      title: { type: 'string' },
      body: { type: 'string' },
      ...Object.fromEntries(RATINGS.map(([flag]) => [flag, { type: 'string' as const }])),
      ceo: { type: 'string' },
      outlook: { type: 'string' },
      recommend: { type: 'string' },
      employment: { type: 'string' },
      'job-title': { type: 'string' },
      location: { type: 'string' },
      tenure: { type: 'string' },
      pros: { type: 'string' },
      cons: { type: 'string' },
      advice: { type: 'string' },
      out: { type: 'string' },
      down: { type: 'boolean' },
      reason: { type: 'string' },
      thread: { type: 'string' },
      ...SALARY_OPTIONS,
      ...INTERVIEW_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  // --api is the forum (the site's address); the identity service is where its /.well-known/unlinked says.
  configureTransport({ baseUrl: values.api ?? process.env.UNLINKED_API ?? 'http://localhost:3000', discover: true });
  const wallet = new FileWallet(
    values.wallet ?? process.env.UNLINKED_WALLET ?? join(homedir(), '.unlinked', 'wallet.json'),
  );
  const session = () => {
    const s = wallet.data.session;
    if (!s || new Date(s.expiresAt) < new Date()) throw new ApiError('UNAUTHENTICATED', 'run: unlinked verify <email>');
    return s;
  };
  const timing = timingWith(parseMaturityMinutes(process.env.UNLINKED_TOKEN_MATURITY_MINUTES));
  const flows = new WriteFlows({ store: wallet });
  const payer = (kind: TokenKind) => {
    const t = wallet.data.tokens.find((x) => x.kind === kind);
    if (!t) throw new ApiError('NO_TOKENS', `no ${kind} token: run unlinked fetch --kind ${kind}`);
    return t.company;
  };

  /** The arcPeriod of an item, read publicly (the same read a reader of the page makes). */
  const itemPeriod = async (type: ItemType, id: string): Promise<number> => {
    if (type === 'thread') return (await publicRequest(ThreadDocument, { id, first: 1 })).thread.arcPeriod;
    if (type === 'reply') {
      const { thread } = await publicRequest(ThreadDocument, { id: need(values.thread, 'thread'), first: 100 });
      const reply = thread.replies.edges.find((e) => e.node.id === id);
      if (!reply) throw new ApiError('REPLY_NOT_FOUND', `no reply ${id} in that thread`);
      return reply.node.arcPeriod;
    }
    const { reviews } = await publicRequest(ReviewsDocument, {
      companySlug: need(values.company, 'company'),
      sort: 'Recent',
      first: 100,
    });
    const review = reviews.edges.find((e) => e.node.id === id);
    if (!review) throw new ApiError('REVIEW_NOT_FOUND', `no review ${id} among the company's latest 100`);
    return review.node.arcPeriod;
  };
  const itemOf = (): { type: ItemType; id: string } => {
    const type = need(rest[0], 'type') as ItemType;
    if (!ITEM_TYPES.includes(type)) throw new UsageError('the type is thread, reply or review');
    return { type, id: need(rest[1], 'id') };
  };
  /** Votes, flags and reviews are paid with the ARC credential of the account's company. */
  const ownCompany = () => {
    const s = wallet.data.session ?? wallet.data.arcCredentials[0];
    const slug = s && 'account' in s ? s.account.company.slug : s?.company;
    if (!slug) throw new ApiError('NO_CREDENTIAL', 'run: unlinked verify <email>, then unlinked fetch');
    return slug;
  };

  switch (command) {
    case 'verify': {
      const email = need(rest[0], 'email');
      const r = await identityRequest(RequestVerificationCodeDocument, { email });
      console.log(
        `A code was sent to ${email}; it expires in ${Math.round(r.requestVerificationCode.expiresInSeconds / 60)} min.`,
      );
      const code = await prompt('Code: ');
      const { verifyCode } = await identityRequest(VerifyCodeDocument, { email, code });
      wallet.data.session = { token: verifyCode.token, expiresAt: verifyCode.expiresAt, account: verifyCode.account };
      wallet.save();
      console.log(`Verified: ${verifyCode.account.company.name} (${verifyCode.account.company.slug}).`);
      return 0;
    }
    case 'logout':
      wallet.data.session = null;
      wallet.save();
      console.log('Session forgotten.');
      return 0;
    case 'export-keys': {
      const out = need(values.out, 'out');
      const keys = await readAuthorKeys(wallet);
      writeFileSync(out, await exportAuthorKeys(keys, await passphrase(true)), { mode: 0o600, flag: 'wx' });
      console.log(`Saved the keys of ${keys.posts.length} posts to ${out}. Keep the file and the passphrase.`);
      return 0;
    }
    case 'import-keys': {
      const file = readFileSync(need(rest[0], 'file'), 'utf8');
      const keys = await importAuthorKeys(file, await passphrase(false));
      const added = await mergeAuthorKeys(wallet, keys);
      console.log(`Opened: ${keys.posts.length} posts in the file, ${added.posts} new in this wallet.`);
      return 0;
    }
    case 'wallet': {
      const s = wallet.data.session;
      console.log(s ? `Verified for ${s.account.company.name} until ${s.account.verifiedUntil}` : 'Not verified.');
      const quotas = s ? await tokenQuota(s.token).catch(() => []) : [];
      for (const kind of TOKEN_KINDS) {
        const tokens = wallet.data.tokens.filter((t) => t.kind === kind);
        const held = tokens.length;
        const waiting = tokens.filter((t) => !isMature(t, new Date()));
        const q = quotas.find((x) => x.kind === kind);
        const check = wallet.data.keyChecks.find((c) => c.kind === kind);
        console.log(
          `${kind.padEnd(9)} held ${String(held).padStart(4)}  ` +
            (q ? `left to fetch ${q.remaining}/${q.quota} (epoch ${q.epoch})  ` : '') +
            `key check: ${check ? (check.ok ? 'ok' : 'MISMATCH') : 'not yet'}` +
            (waiting.length > 0
              ? `  (${waiting.length} spendable from ${earliestMaturity(waiting)?.toISOString()})`
              : ''),
        );
      }
      const periods = wallet.data.arcCredentials.map((c) => c.period).sort((a, b) => b - a);
      console.log(`credentials held ${periods.length} (periods ${periods.join(', ') || '–'}): votes, flags, reviews`);
      return 0;
    }
    case 'vote': {
      const { type, id } = itemOf();
      const value = values.down ? 'Down' : 'Up';
      const r = await flows.vote({
        company: ownCompany(),
        targetType: VOTE_TARGETS[type],
        targetId: id,
        value,
        period: await itemPeriod(type, id),
      });
      console.log(`Voted ${value === 'Up' ? 'helpful' : 'not helpful'}; score ${r.score}. Votes are final.`);
      return 0;
    }
    case 'flag': {
      const { type, id } = itemOf();
      const reason = need(values.reason, 'reason').toUpperCase() as ModerationReason;
      if (!MODERATION_REASONS.includes(reason)) throw new UsageError(`--reason: ${MODERATION_REASONS.join(', ')}`);
      const mark = await wallet.getArcMark(itemMarkKey('flag', type, id));
      if (mark) console.error('This wallet already reported it; the server will refuse a second report.');
      await flows.flag({
        company: ownCompany(),
        contentType: FLAG_TYPES[type],
        contentId: id,
        reason,
        period: await itemPeriod(type, id),
      });
      console.log('Reported. Thank you.');
      return 0;
    }
    case 'fetch': {
      if (values.count !== undefined) {
        // A few tokens fetched right before a write date the write to its issuance (issue 15): always the quota.
        throw new UsageError('--count was removed: fetch takes the whole remaining quota, which matures before use');
      }
      const s = session();
      let companyId = s.account.company.id;
      if (!companyId) {
        // A session saved before the CLI kept the company id: ask the identity side once.
        const { me } = await identityRequest(MeDocument, {}, { session: s.token });
        if (!me) throw new ApiError('UNAUTHENTICATED', 'run: unlinked verify <email>');
        wallet.data.session = { ...s, account: me };
        wallet.save();
        companyId = me.company.id;
      }
      const added = await fetchArcCredentials({
        session: s.token,
        company: { id: companyId, slug: s.account.company.slug },
        store: wallet,
        timing,
        force: true,
      });
      console.log(`credentials: ${added} new (${wallet.data.arcCredentials.length} held)`);
      const kinds = values.kind ? [values.kind as TokenKind] : TOKEN_KINDS;
      for (const kind of kinds) {
        if (!TOKEN_KINDS.includes(kind)) throw new UsageError(`unknown kind ${kind}`);
        const n = await fillWallet({
          session: s.token,
          company: s.account.company.slug,
          kind,
          store: wallet,
          timing,
          onProgress: (done, total) => process.stderr.write(`\r${kind}: ${done}/${total}`),
        });
        process.stderr.write('\n');
        const from = n > 0 ? wallet.data.tokens.at(-1)?.matureAt : undefined;
        console.log(`${kind}: fetched ${n} tokens${from ? `, spendable from ${from}` : ''}`);
      }
      return 0;
    }
    case 'read': {
      const r = await publicRequest(ThreadsDocument, {
        companySlug: values.company ?? null,
        board: values.board ?? null,
        sort: 'New',
        first: 50,
      });
      if (r.threads.edges.length === 0) console.log('No threads yet.');
      for (const { node: t } of r.threads.edges) {
        console.log(`${t.id}  ${t.title}  — ${t.authorHandle} @ ${t.company.name}, ${t.replyCount} replies`);
      }
      return 0;
    }
    case 'thread': {
      const { thread: t } = await publicRequest(ThreadDocument, { id: need(rest[0], 'id'), first: 100 });
      console.log(`# ${t.title}\n${t.authorHandle} (OP) @ ${t.company.name}\n\n${t.body}\n`);
      for (const { node: r } of t.replies.edges) {
        console.log(`— ${r.authorHandle}${r.isOp ? ' [OP]' : ''}: ${r.body}`);
      }
      return 0;
    }
    case 'post': {
      const title = need(values.title, 'title');
      const body = need(values.body, 'body');
      const board = values.board ?? null;
      const company = values.company ?? payer('post');
      const receipt = await flows.createThread({ company, board, title, body });
      console.log(`Thread ${receipt.id}: ${receipt.status} (published after a short random delay)`);
      return 0;
    }
    case 'reply': {
      const threadId = need(rest[0], 'threadId');
      const body = need(values.body, 'body');
      const company = payer('post');
      const receipt = await flows.createReply({ company, threadId, body });
      console.log(`Reply ${receipt.id}: ${receipt.status}`);
      return 0;
    }
    case 'review': {
      const company = need(values.company, 'company');
      const v = values as Record<string, string | undefined>;
      const ratings = Object.fromEntries(RATINGS.map(([flag, field]) => [field, rating(v[flag], flag)]));
      if (company !== ownCompany()) throw new UsageError('you can review only your own company');
      const review: ReviewDraft = {
        ...(ratings as Pick<ReviewDraft, (typeof RATINGS)[number][1]>),
        ceoApproval: choice(v.ceo, 'ceo', CEO),
        recommend: choice(v.recommend, 'recommend', { yes: true, no: false }),
        outlook: choice(v.outlook, 'outlook', OUTLOOK),
        employment: choice(v.employment, 'employment', EMPLOYMENT),
        jobTitle: v['job-title'] || null,
        location: v.location || null,
        tenure: v.tenure === undefined ? null : choice(v.tenure, 'tenure', TENURE),
        pros: need(values.pros, 'pros'),
        cons: need(values.cons, 'cons'),
        advice: v.advice || null,
      };
      const receipt = await flows.createReview(company, review);
      console.log(`Review ${receipt.id}: ${receipt.status}`);
      return 0;
    }
    case 'salary': {
      const company = need(values.company, 'company');
      const draft = salaryDraftFromFlags(values);
      if (company !== ownCompany()) throw new UsageError('you can report a salary only at your own company');
      const receipt = await flows.createSalaryReport(company, draft);
      console.log(`Salary report ${receipt.id}: ${receipt.status} (counted after screening and a short random delay)`);
      return 0;
    }
    case 'salaries':
      await printSalaries(need(values.company, 'company'));
      return 0;
    case 'interview': {
      const receipt = await interviewCommand(flows, values, ownCompany);
      console.log(`Interview ${receipt.id}: ${receipt.status}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
    else if (e instanceof ApiError) {
      const when = e.details.availableAt ? ` It can be sent from ${e.details.availableAt}.` : '';
      console.error(`error ${e.code}: ${PLAIN[e.code] ?? e.message}${when}`);
    } else if (e instanceof KeyExportError) console.error(`error ${e.code}: ${KEY_EXPORT_MESSAGES[e.code]}`);
    else console.error(e instanceof Error ? e.message : String(e));
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
