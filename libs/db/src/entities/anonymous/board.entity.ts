import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A cross-company board (career, compensation...). Each company's own board is implicit. */
@Entity('boards')
export class BoardEntity {
  @PrimaryColumn({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'int' })
  position: number;
}
