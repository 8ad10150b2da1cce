"""The reviewers' work on a case: the actions, the forms, the queries and their texts."""
