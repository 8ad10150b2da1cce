"""What the client receives: case reports, monthly totals, and the files that go with them."""
