"""E-mail: the desk's mails to complainants by SMTP."""
