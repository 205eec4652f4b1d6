#!/usr/bin/env python3
"""usage: python3 icc/measure.py PROFILE.icc [CUBE_STEPS]

For icc/README.md: sRGB greys -> CMYK via the profile's perceptual B2A0 (what an ICC CMM does
for sRGB->CMYK perceptual), forward check of neutrality, max TAC over an RGB cube and Lab darks."""
import subprocess, sys, itertools
S='/usr/share/color/argyll/ref/sRGB.icm'; P=sys.argv[1]
def lu(prof, args, rows):
    inp='\n'.join(' '.join(f'{v:.6f}' for v in r) for r in rows)+'\n'
    out=subprocess.run(['xicclu','-v0']+args+[prof],input=inp,capture_output=True,text=True).stdout
    return [[float(x) for x in l.split()] for l in out.strip().splitlines()]
greys=[1.0,0.75,0.5,0.25,0.0]
lab=lu(S,['-s1','-ff','-ip','-pl'],[[g]*3 for g in greys])
cmyk=lu(P,['-s100','-fb','-ip','-pl'],lab)
fwd=lu(P,['-s100','-ff','-ir','-pl'],cmyk)
for g,l,c,f in zip(greys,lab,cmyk,fwd):
    print(f'sRGB {round(g*255):3d} ({100-g*100:3.0f}% grey, L*{l[0]:5.1f}) -> C{c[0]:5.1f} M{c[1]:5.1f} Y{c[2]:5.1f} K{c[3]:5.1f} TAC {sum(c):5.1f}  printed Lab(rel) {f[0]:.1f} {f[1]:+.1f} {f[2]:+.1f}')
n=int(sys.argv[2]) if len(sys.argv)>2 else 9; cube=[[a/(n-1),b/(n-1),c/(n-1)] for a,b,c in itertools.product(range(n),repeat=3)]
labs=lu(S,['-s1','-ff','-ip','-pl'],cube)
for intent in ['-ip','-ir']:
    cm=lu(P,['-s100','-fb',intent,'-pl'],labs)
    t=[sum(c) for c in cm]; i=max(range(len(t)),key=t.__getitem__)
    print(f'RGB cube {n}^3 {intent}: max TAC {t[i]:.1f} at RGB {cube[i]} -> {[round(v,1) for v in cm[i]]}')
darks=[[L,a,b] for L in range(0,41,4) for a in range(-60,61,10) for b in range(-60,61,10)]
cm=lu(P,['-s100','-fb','-ir','-pl'],darks); t=[sum(c) for c in cm]
print(f'Lab darks L*<=40, a* b* -60..60 (rel): max TAC {max(t):.1f}; max K {max(c[3] for c in cm):.1f}')
