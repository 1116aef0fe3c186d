"""TwinHub: a self-hostable platform for eTwinning-style school collaboration."""
