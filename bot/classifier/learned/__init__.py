"""The learned engine: a linear model over the text and the rules’ findings, with a documented decision."""

# Said in the engine's name when the rules answer alone for want of a usable model (the admins are alerted).
MODEL_UNAVAILABLE = "learned model unavailable"
