"""What the family's own pages read: every item filtered through the member's `MemberView`."""
