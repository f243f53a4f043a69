"""A real local Neo4j Community server without Docker: assembled from Maven Central, run as a
background process, stopped by pid. See manager.LocalNeo4j and `conflictgraph neo4j --help`."""
