"""The learned engine: a linear model over the text and the rules’ findings, with a documented decision."""

# Said in the engine's name when the rules answer alone for want of a usable model (the admins are alerted).
MODEL_UNAVAILABLE = "learned model unavailable"
# ...and when the desk's active model cannot be used (other rules, a damaged artefact): the shipped answers.
DESK_MODEL_UNUSABLE = "desk model unusable"
