"""The chassis every linli service stands on: settings, auth, errors, gRPC server, events, storage."""
