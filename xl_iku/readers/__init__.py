"""Reading what offices keep in workbooks: survey answers (fast, via calamine) and the IKU data sheets."""
