"""How to reach the résumé's owner, written once and shown wherever needed.

The facts live in one config value::

    resume_contact = {
        "email": "jane@example.org",
        "url": "https://jane.example.org/",
        "profiles": ["https://github.com/janeroe", "https://www.linkedin.com/in/janeroe"],
    }

The ``contact`` directive renders them as the landing page's contact line (an
icon and a link for each, the link reading like the address without its
scheme), and :func:`get_contact` gives them to other outputs, such as the
JSON-LD of :mod:`.jsonld`.  A malformed value is an error at its line
in conf.py that fails the build (:mod:`.config`); the outputs then leave
the contact out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective
from sphinx_design.icons import get_octicon

#: The octicon shown before a profile, by the profile's host.
PROFILE_ICONS = {"github.com": "mark-github", "www.github.com": "mark-github"}
DEFAULT_PROFILE_ICON = "person"
SEPARATOR = " · "


@dataclass(frozen=True)
class Contact:
    """The owner's e-mail address, web site and profiles elsewhere."""

    email: str
    url: str = ""
    profiles: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_config(cls, value: dict) -> Contact:
        """Check and read the ``resume_contact`` config value."""
        if not isinstance(value, dict):
            raise ConfigError("resume_contact must be a dict with 'email', 'url' and 'profiles'")
        unknown = set(value) - {"email", "url", "profiles"}
        if unknown:
            raise ConfigError(f"resume_contact has unknown key(s): {', '.join(sorted(unknown))}")
        email = value.get("email", "")
        if not isinstance(email, str) or email.count("@") != 1 or ":" in email:
            raise ConfigError(f"resume_contact: {email!r} is not an e-mail address")
        url = value.get("url", "")
        profiles = value.get("profiles", [])
        if isinstance(profiles, str):
            raise ConfigError("resume_contact: 'profiles' is a list of addresses, not one string")
        for address in ([url] if url else []) + list(profiles):
            if not _is_web_address(address):
                raise ConfigError(f"resume_contact: {address!r} is not an http(s) address")
        return cls(email=email, url=url, profiles=tuple(profiles))

    def links(self) -> list[tuple[str, str, str]]:
        """``(icon, text, href)`` for each way to reach him, in the order shown."""
        found = [("mail", self.email, f"mailto:{self.email}")]
        if self.url:
            found.append(("globe", display_address(self.url), self.url))
        for profile in self.profiles:
            icon = PROFILE_ICONS.get(urlsplit(profile).hostname or "", DEFAULT_PROFILE_ICON)
            found.append((icon, display_address(profile), profile))
        return found


def display_address(url: str) -> str:
    """``https://www.linkedin.com/in/janeroe`` -> ``linkedin.com/in/janeroe``."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return (host + parts.path).rstrip("/")


def _is_web_address(address) -> bool:
    if not isinstance(address, str):
        return False
    parts = urlsplit(address)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def get_contact(app_or_config) -> Contact | None:
    """The owner's contact facts, from the Sphinx application or its config.

    None where the config value is malformed: that is reported once, when the
    build starts.
    """
    config = getattr(app_or_config, "config", app_or_config)
    try:
        return Contact.from_config(config.resume_contact)
    except ConfigError:
        return None


class ContactDirective(SphinxDirective):
    """The contact line: an icon and a link for each way to reach the owner."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        contact = get_contact(self.config)
        if contact is None:
            return []
        paragraph = nodes.paragraph()
        for index, (icon, text, href) in enumerate(contact.links()):
            if index:
                paragraph += nodes.Text(SEPARATOR)
            # The icon is decoration (aria-hidden); the link says where it goes.
            # Each icon stays on the line of its link (resume.css).
            svg = get_octicon(icon, height="1em", classes=["resume-icon"])
            item = nodes.inline(classes=["resume-contact-item"])
            item += nodes.raw("", svg + " ", format="html")
            item += nodes.reference(text, text, refuri=href)
            paragraph += item
        container = nodes.container(classes=["resume-contact"])
        self.set_source_info(container)
        container += paragraph
        return [container]
