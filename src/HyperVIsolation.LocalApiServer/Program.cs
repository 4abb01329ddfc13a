// Standalone entry point of the local API server; see issue 3.
return 0;
