"""Toolbox "Makelaar met Mandaat": modules, vragen en opdrachten als data."""
