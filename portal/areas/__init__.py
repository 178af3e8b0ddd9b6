"""The municipality's areas (lokalområder, områder, wijken): named by admins
in every language, optionally named by an idea, and a way to read, follow
and report on what happens in one part of the municipality."""
