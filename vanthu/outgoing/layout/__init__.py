"""Layout of outgoing documents (thể thức văn bản, Decree 30/2020/NĐ-CP Appendices I and III): the frame as plain
data (``frame``), rendered as DOCX (``docx``) and PDF (``pdf``). Plain Python: no models, no ORM."""
