"""The sections of a treatment note, one small flowable-producing function each.

Each takes the note and a :class:`~soapnotes.render._writer.Writer` and lays out values
computed elsewhere (the records, :mod:`soapnotes.models.limbs`, the rules' findings, the
entry point's signature check); none validates or verifies. The note layout
(:mod:`soapnotes.render.note`) puts them in order; the findings box, which the progress
report shows too, is in :mod:`soapnotes.render._blocks`.

Modules: ``client`` (client and session), ``screening``, ``soap`` (S, O, A, P),
``measurements`` (pitting, circumferences, volumes), ``treatment``, ``body_map``,
``signature`` (signature and addenda); for the schema-2 data, each shown only when recorded:
``history`` (intake, cancer treatment, referral, prescription; the red-flag check),
``measured`` (weight and BMI, the volume method, device volumes, L-Dex), ``outcomes``
(outcome scores, goals) and ``compression`` (garments, bandaging, the ABPI, after the plan).
"""
