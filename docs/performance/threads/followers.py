# followers.py RUNDIR...: from a run folder's threads-krako.txt and threads-broker.txt (threads.py output),
# Krako's cores, its JIT threads', the three followers' stream and producer threads', and the broker's.
import re,sys,glob
for d in sys.argv[1:]:
    f=d+'/threads-krako.txt'
    try: lines=open(f).read().splitlines()
    except OSError: continue
    tot=float(re.search(r'([\d.]+) cores',lines[0]).group(1))
    fol=sum(float(l.split()[0]) for l in lines[1:] if re.search(r'krako-(billing|trust|capacity)-.*StreamThread',l))
    jit=sum(float(l.split()[0]) for l in lines[1:] if 'CompilerThread' in l)
    b=open(d+'/threads-broker.txt').read().splitlines()[0] if glob.glob(d+'/threads-broker.txt') else ''
    print(f"{d.split('/')[-1]}: krako {tot:.2f} (JIT {jit:.2f}, followers' stream+producer threads {fol:.3f}); broker {b.split(':')[1].strip() if b else '?'}")
