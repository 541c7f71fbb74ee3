@pytest.fixture()
def mailoutbox(
    django_mail_patch_dns: None,
    _dj_autoclear_mailbox: None,
) -> list[django.core.mail.EmailMessage] | None:
    """A clean email outbox to which Django-generated emails are sent."""
    if not django_settings_is_configured():
        return None

    from django.core import mail

    return mail.outbox  # type: ignore[no-any-return]
