"""Rendering SOAP treatment notes as PDF with reportlab."""
