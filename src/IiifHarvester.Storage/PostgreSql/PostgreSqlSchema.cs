namespace IiifHarvester.Storage.PostgreSql;

/// <summary>
/// The store's PostgreSQL schema as numbered migrations: version N is <c>Migrations[N - 1]</c>. A database at version
/// V gets the migrations after V, each in its own transaction; never edit a released migration, append a new one.
/// </summary>
internal static class PostgreSqlSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: documents, the change log with its counter, checkpoints, image services.
        """
        CREATE TABLE documents (
            id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            uri text PRIMARY KEY,
            key text NOT NULL UNIQUE,
            source_key text NOT NULL,
            kind smallint NOT NULL,
            body bytea NOT NULL,
            content_hash text NOT NULL,
            length bigint NOT NULL,
            content_type text,
            etag text,
            last_modified timestamptz,
            fetched_at timestamptz NOT NULL,
            deleted boolean NOT NULL DEFAULT false,
            owner_uri text,
            sequence bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_documents_source ON documents (source_key, kind, id);
        CREATE INDEX ix_documents_owner ON documents (owner_uri, id) WHERE owner_uri IS NOT NULL;

        -- The change log's numbers come from one counter row updated inside the committing transaction: its row
        -- lock orders writers, so numbers are gap-free and become visible in order (a SEQUENCE would leave gaps on
        -- rollback, and a follower could read 7 committed before 6 and never see 6).
        CREATE TABLE change_counter (id smallint PRIMARY KEY CHECK (id = 1), last bigint NOT NULL);
        INSERT INTO change_counter (id, last) VALUES (1, 0);
        CREATE TABLE changes (
            sequence bigint PRIMARY KEY,
            uri text NOT NULL,
            source_key text NOT NULL,
            kind smallint NOT NULL,
            type smallint NOT NULL,
            at timestamptz NOT NULL
        );

        CREATE TABLE checkpoints (
            source_key text NOT NULL,
            name text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (source_key, name)
        );

        CREATE TABLE image_services (
            key text PRIMARY KEY,
            service_id text NOT NULL,
            profile text,
            source_key text NOT NULL,
            manifest_uri text NOT NULL
        );
        CREATE INDEX ix_image_services_source ON image_services (source_key, key);
        """,

        // 2: per-source run leases and per-document failure records.
        """
        CREATE TABLE source_leases (
            source_key text PRIMARY KEY,
            owner text NOT NULL,
            acquired_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL
        );
        CREATE TABLE document_failures (
            source_key text NOT NULL,
            uri text NOT NULL,
            kind smallint NOT NULL,
            reason text NOT NULL,
            attempts integer NOT NULL,
            first_failed_at timestamptz NOT NULL,
            last_failed_at timestamptz NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            PRIMARY KEY (source_key, uri)
        );
        """,

        // 3: the nodes of a cluster, as each records itself.
        """
        CREATE TABLE cluster_nodes (
            name text PRIMARY KEY,
            role text NOT NULL,
            started_at timestamptz NOT NULL,
            seen_at timestamptz NOT NULL,
            indexed_sequence bigint NOT NULL,
            last_sequence bigint NOT NULL
        );
        """,

        // 4: what each collection document lists (collection membership).
        """
        CREATE TABLE memberships (
            listing_uri text NOT NULL,
            member_uri text NOT NULL,
            collection_uri text NOT NULL,
            source_key text NOT NULL,
            PRIMARY KEY (listing_uri, member_uri)
        );
        CREATE INDEX ix_memberships_member ON memberships (member_uri, collection_uri);
        CREATE INDEX ix_memberships_collection ON memberships (collection_uri, member_uri);
        """,

        // 5: when each institution host may next be sent a request, shared by the cluster's harvest nodes.
        """
        CREATE TABLE host_slots (
            host_key text PRIMARY KEY,
            next_slot timestamptz NOT NULL
        );
        """,
    ];
}
