"""Everything we send out: SIASN payloads, finance files, Coretax files."""
