import { Injectable } from '@nestjs/common';
import { BoardEntity, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';

/** The cross-company boards (career, compensation...). */
@Injectable()
export class BoardsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  all(): Promise<Pick<BoardEntity, 'slug' | 'name' | 'description'>[]> {
    return this.dataSource
      .getRepository(BoardEntity)
      .find({ select: { slug: true, name: true, description: true }, order: { position: 'ASC' } });
  }

  exists(slug: string): Promise<boolean> {
    return this.dataSource.getRepository(BoardEntity).existsBy({ slug });
  }
}
