import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccountRole } from '@unlinked/db/identity';
import { SessionsService, changeRole, emailHmac } from '@unlinked/identity';
import { startTestApi, type TestApi } from '../support/test-app.js';

describe('admin: roles by address and company upkeep (real PostgreSQL, HTTP)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  async function account(normalized: string, slug: string): Promise<string> {
    const [{ id }] = (await api.dataSource.query(
      `INSERT INTO accounts (email_hmac, company_id, verified_on)
       SELECT $1, id, current_date FROM companies WHERE slug = $2 RETURNING id`,
      [emailHmac(api.config.secrets.emailPepper, normalized), slug],
    )) as { id: string }[];
    return id;
  }

  async function roleOf(id: string): Promise<string> {
    const [{ role }] = (await api.dataSource.query(`SELECT role FROM accounts WHERE id = $1`, [id])) as {
      role: string;
    }[];
    return role;
  }

  it('grants and revokes roles by address (case and +tag insensitive)', async () => {
    const id = await account('mod@tencent.com', 'tencent');
    expect(await changeRole(api.dataSource, api.config, 'grant', AccountRole.Moderator, 'MOD+x@Tencent.com')).toBe(
      'moderator',
    );
    expect(await roleOf(id)).toBe('moderator');
    await expect(
      changeRole(api.dataSource, api.config, 'revoke', AccountRole.Admin, 'mod@tencent.com'),
    ).rejects.toThrow(/No admin account/);
    expect(await changeRole(api.dataSource, api.config, 'revoke', AccountRole.Moderator, 'mod@tencent.com')).toBe(
      'member',
    );
    await expect(
      changeRole(api.dataSource, api.config, 'grant', AccountRole.Admin, 'nobody@tencent.com'),
    ).rejects.toThrow(/verify once first/);
    await expect(changeRole(api.dataSource, api.config, 'grant', AccountRole.Admin, 'x@gmail.com')).rejects.toThrow(
      /not a usable work address/,
    );
  });

  it('lets admins confirm, rename and merge companies, and nobody else', async () => {
    const memberId = await account('member@baidu.com', 'baidu');
    const adminId = await account('boss@baidu.com', 'baidu');
    await changeRole(api.dataSource, api.config, 'grant', AccountRole.Admin, 'boss@baidu.com');
    const sessions = api.app.get(SessionsService);
    const asMember = { authorization: `Bearer ${(await sessions.create(memberId)).token}` };
    const asAdmin = { authorization: `Bearer ${(await sessions.create(adminId)).token}` };
    await api.dataSource.query(
      `WITH c AS (INSERT INTO companies (slug, name) VALUES ('baidu-inc-cn', 'Baidu Inc') RETURNING id)
       INSERT INTO company_domains (domain, company_id, "primary") SELECT 'baidu-inc.cn', id, true FROM c`,
    );
    await account('dup@baidu-inc.cn', 'baidu-inc-cn');
    const CONFIRM = `mutation C($slug: String!) { confirmCompany(slug: $slug) { slug status } }`;
    expect((await api.gql(CONFIRM, { slug: 'baidu-inc-cn' }, asMember)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await api.gql(CONFIRM, { slug: 'baidu-inc-cn' })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(CONFIRM, { slug: 'baidu-inc-cn' }, asAdmin)).data).toEqual({
      confirmCompany: { slug: 'baidu-inc-cn', status: 'Confirmed' },
    });
    const RENAME = `mutation R($slug: String!, $name: String!) { renameCompany(slug: $slug, name: $name) { name } }`;
    expect((await api.gql(RENAME, { slug: 'baidu-inc-cn', name: 'Baidu (CN)' }, asAdmin)).data).toEqual({
      renameCompany: { name: 'Baidu (CN)' },
    });
    const MERGE = `mutation M($from: String!, $into: String!) { mergeCompanies(from: $from, into: $into) { slug domains verifiedMembers } }`;
    const merged = await api.gql<{ mergeCompanies: { slug: string; domains: string[]; verifiedMembers: string } }>(
      MERGE,
      { from: 'baidu-inc-cn', into: 'baidu' },
      asAdmin,
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeCompanies.domains).toContain('baidu-inc.cn');
    const [{ n }] = (await api.dataSource.query(
      `SELECT verified_members AS n FROM companies WHERE slug = 'baidu'`,
    )) as { n: number }[];
    expect(n).toBe(3);
    expect((await api.gql(CONFIRM, { slug: 'baidu-inc-cn' }, asAdmin)).errors![0].extensions!.code).toBe(
      'COMPANY_NOT_FOUND',
    );
  });
});
