"""Exchange formats beyond JSON, registered as a built-in plugin."""
