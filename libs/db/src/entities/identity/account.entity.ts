import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum AccountRole {
  Member = 'member',
  Moderator = 'moderator',
  Admin = 'admin',
}

/** Identity side. The address is kept only as HMAC-SHA256(pepper, normalized address) (privacy rule 7). */
@Entity('accounts')
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'email_hmac', type: 'bytea', unique: true })
  emailHmac: Buffer;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ type: 'text', default: AccountRole.Member })
  role: AccountRole;

  /** Day of the last verification (coarse on purpose). */
  @Column({ name: 'verified_on', type: 'date' })
  verifiedOn: string;
}
