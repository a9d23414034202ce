namespace Scheduler.Crm;

/// <summary>The DDL of the legacy and target schemas; names are constants, never values from outside.</summary>
internal static class CrmSchema
{
    /// <summary>
    /// The target tables. Data columns are nullable so that whatever the legacy rows hold can be copied as it is.
    /// </summary>
    public const string TargetDdl = """
        CREATE TABLE IF NOT EXISTS users (
            id BIGINT NOT NULL PRIMARY KEY,
            email VARCHAR(255) NULL,
            name VARCHAR(255) NULL,
            updated_at DATETIME(6) NULL
        ) ENGINE=InnoDB;
        CREATE TABLE IF NOT EXISTS transactions (
            id BIGINT NOT NULL PRIMARY KEY,
            user_id BIGINT NOT NULL,
            amount DECIMAL(12,2) NULL,
            currency CHAR(3) NULL,
            status VARCHAR(16) NULL,
            created_at DATETIME(6) NULL,
            updated_at DATETIME(6) NULL,
            KEY ix_transactions_user_updated (user_id, updated_at)
        ) ENGINE=InnoDB;
        CREATE TABLE IF NOT EXISTS sync_state (
            user_id BIGINT NOT NULL PRIMARY KEY,
            watermark DATETIME(6) NULL,
            synced_at DATETIME(6) NOT NULL,
            transaction_count BIGINT NULL
        ) ENGINE=InnoDB;
        """;

    /// <summary>
    /// Adds <c>sync_state.transaction_count</c> to a target created before the column existed; the same statement
    /// on both databases, run only when <see cref="CrmDialect.CountColumnQuery"/> finds the column missing.
    /// </summary>
    public const string AddCountColumn = "ALTER TABLE sync_state ADD COLUMN transaction_count BIGINT NULL";

    /// <summary>The legacy tables of SPEC.md section 7, as the seeder creates them.</summary>
    public const string LegacyDdl = """
        CREATE TABLE IF NOT EXISTS users (
            id BIGINT NOT NULL PRIMARY KEY,
            email VARCHAR(255) NOT NULL,
            name VARCHAR(255) NOT NULL,
            updated_at DATETIME(6) NOT NULL
        ) ENGINE=InnoDB;
        CREATE TABLE IF NOT EXISTS transactions (
            id BIGINT NOT NULL PRIMARY KEY,
            user_id BIGINT NOT NULL,
            amount DECIMAL(12,2) NOT NULL,
            currency CHAR(3) NOT NULL,
            status VARCHAR(16) NOT NULL,
            created_at DATETIME(6) NOT NULL,
            updated_at DATETIME(6) NOT NULL,
            KEY ix_transactions_user_updated (user_id, updated_at)
        ) ENGINE=InnoDB;
        """;

    /// <summary>
    /// The target tables on SQLite, for the embedded demo: the same columns, timestamps as sortable text. WAL lets
    /// readers of the file go on while a batch writes.
    /// </summary>
    public const string SqliteTargetDdl = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER NOT NULL PRIMARY KEY,
            email TEXT NULL,
            name TEXT NULL,
            updated_at TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS transactions (
            id INTEGER NOT NULL PRIMARY KEY,
            user_id INTEGER NOT NULL,
            amount DECIMAL(12,2) NULL,
            currency TEXT NULL,
            status TEXT NULL,
            created_at TEXT NULL,
            updated_at TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_transactions_user_updated ON transactions (user_id, updated_at);
        CREATE TABLE IF NOT EXISTS sync_state (
            user_id INTEGER NOT NULL PRIMARY KEY,
            watermark TEXT NULL,
            synced_at TEXT NOT NULL,
            transaction_count INTEGER NULL
        );
        """;

    /// <summary>The legacy tables on SQLite, as the demo seeder creates them.</summary>
    public const string SqliteLegacyDdl = """
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER NOT NULL PRIMARY KEY,
            email TEXT NOT NULL,
            name TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS transactions (
            id INTEGER NOT NULL PRIMARY KEY,
            user_id INTEGER NOT NULL,
            amount DECIMAL(12,2) NOT NULL,
            currency TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_transactions_user_updated ON transactions (user_id, updated_at);
        """;
}
