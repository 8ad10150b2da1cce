"""Lexicons of the offline engine, one module per behaviour type of the MHLW manual, plus excessive demand."""
