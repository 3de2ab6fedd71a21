"""Nothing of the families app is in the admin: families, people, case notes, events and the read log
are casework, seen and changed only through the family's pages by the people who hold access to it
(ADR 001). Administrators configure the system; they do not open family records."""
